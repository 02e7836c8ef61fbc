package org.doorbell.display;

/**
 * The screen.
 *
 * @param width      window width in pixels (the 7" touchscreen: 1024)
 * @param height     window height in pixels (600)
 * @param fullscreen an undecorated window covering the screen, as on the appliance
 */
public record DisplaySettings(int width, int height, boolean fullscreen) {
    public static final DisplaySettings DEFAULTS = new DisplaySettings(1024, 600, true);
}
