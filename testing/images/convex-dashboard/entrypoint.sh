#!/bin/sh
# Start script of the Convex dashboard TEST STAND-IN. exec keeps the JVM as PID 1 so that SIGINT and
# SIGTERM reach it directly.
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar /convex/convex-standin.jar dashboard "$@"
