/**
 * Faces followed from frame to frame by where they are, before and between encodings: which
 * parts of the next frame to search ({@link org.doorbell.tracking.Follows}: the whole frame at
 * least every {@link org.doorbell.tracking.Follows#FULL_SEARCH_EVERY}, otherwise a window around
 * each followed face) and which faces are worth encoding again
 * ({@link org.doorbell.tracking.EncodePolicy}). Pure Java; thread-safe where it says so.
 */
package org.doorbell.tracking;
