import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step run on the CLI jar after shading: picocli's classes, which picocli compiles for Java
 * 5 (class version 49), get class version 50 and the stack map frames that version carries.
 *
 * <p>Why: on Java 17 the class-data archive that {@code ./provision} makes leaves out classes older
 * than version 50, and classes whose verification fell back to the old verifier. Without this step
 * every run loads, parses and verifies picocli's 170 classes from the jar: 30 to 40 ms of each plan,
 * status or apply (BENCHMARKS.md). The bytecode is the same; only the version and the frames (which
 * ASM computes, as any compiler targeting Java 6 would write them) are added.
 *
 * <p>Usage: {@code java -cp ASM.jar RaisePicocliClassVersion.java JAR}; entries keep their order
 * and times.
 */
public final class RaisePicocliClassVersion {
  private static final int FROM = Opcodes.V1_5;
  private static final int TO = Opcodes.V1_6;

  private RaisePicocliClassVersion() {}

  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    Path raised = jar.resolveSibling(jar.getFileName() + ".raising");
    int count = 0;
    // the jar's own classes (and the JDK's, java.sql included) answer ASM's questions about
    // common super classes
    try (URLClassLoader classes =
            new URLClassLoader(
                new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(raised))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        byte[] bytes = in.readAllBytes();
        if (isPicocliClass(entry.getName()) && new ClassReader(bytes).readShort(6) == FROM) {
          bytes = raise(bytes, classes);
          count++;
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    Files.move(raised, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.println(
        count == 0
            ? "picocli: no class of version 49 in " + jar + " (nothing to raise)"
            : "picocli: " + count + " classes raised to version 50, with stack map frames");
  }

  private static byte[] raise(byte[] bytes, ClassLoader classes) {
    ClassWriter writer =
        new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
          @Override
          protected ClassLoader getClassLoader() {
            return classes;
          }
        };
    ClassVisitor version =
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public void visit(
              int v, int access, String name, String signature, String zuper, String[] faces) {
            super.visit(TO, access, name, signature, zuper, faces);
          }
        };
    new ClassReader(bytes).accept(version, ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }

  private static boolean isPicocliClass(String name) {
    return name.startsWith("picocli/") && name.endsWith(".class");
  }
}
