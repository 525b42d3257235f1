package dev.provision.model;

/**
 * The dashboard container.
 *
 * @param deploymentUrl the backend URL as the browser sees it (NEXT_PUBLIC_DEPLOYMENT_URL);
 *     defaults to the backend's cloud origin
 * @param allowVersionMismatch run a dashboard tag that differs from the backend's
 */
public record Dashboard(
    boolean enabled, String image, int port, String deploymentUrl, boolean allowVersionMismatch) {}
