/**
 * Recognition on several threads: {@link org.doorbell.recognition.threads.LatestFrame} hands the
 * camera's newest frame over (older ones are dropped), the analysing threads of
 * {@link org.doorbell.recognition.threads.RecognitionWorkers} each take the next one, the
 * whole-frame search may run on a thread of its own
 * ({@link org.doorbell.recognition.threads.WholeFrameSearchThread}), and
 * {@link org.doorbell.recognition.threads.InOrder} applies the analyses in the order the frames
 * were taken. The README's "How it is built" maps every thread and what it shares.
 */
package org.doorbell.recognition.threads;
