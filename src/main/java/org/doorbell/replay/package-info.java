/**
 * The appliance's recognition on still images with capture times ({@code doorbell replay}):
 * {@link org.doorbell.replay.Replay}.
 */
package org.doorbell.replay;
