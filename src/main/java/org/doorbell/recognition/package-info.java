/**
 * From a camera frame to who is at the door: {@link org.doorbell.recognition.FramePipeline} runs
 * each frame's analysis ({@link org.doorbell.recognition.FrameAnalyzer}: where the faces are, the
 * quality gate, the encodings worth making), which several threads may do side by side, and then
 * applies the analyses one at a time in capture order ({@link org.doorbell.recognition.Recognizer}:
 * the identity, the labels, the store commits). The results are
 * {@link org.doorbell.recognition.Recognition}s of {@link org.doorbell.recognition.RecognizedFace}s.
 * Subpackages: {@code detect} finds and measures faces in one frame, {@code threads} runs the
 * analyses on several threads. Which thread owns what is in the README, "How it is built".
 *
 * <h2>Words used here and in the packages around it</h2>
 * <dl>
 * <dt>frame</dt>
 * <dd>One camera picture, numbered by the camera and timed at its capture on the run's clock;
 * every frame is shown, the recognising threads take the newest one when they are free.</dd>
 * <dt>whole-frame search</dt>
 * <dd>Face detection over the whole frame, at the scale that still finds the smallest face asked
 * for ({@code detect.ScaledDetector}): the costliest step, done at least every
 * {@link org.doorbell.tracking.Follows#FULL_SEARCH_EVERY} of capture time and at once after a
 * followed face was missed; on a thread of its own ({@code threads.WholeFrameSearchThread}) when
 * there are two engines or more and faces are followed, otherwise (and while no face is followed)
 * by the analysing thread itself.</dd>
 * <dt>window</dt>
 * <dd>The part of a frame around a followed face (its box and half its size on each side) where
 * it is looked for in the frames between whole-frame searches ({@code detect.FaceWindows}).</dd>
 * <dt>follow</dt>
 * <dd>A face followed by its place alone from frame to frame ({@link org.doorbell.tracking.Follow},
 * all of them in {@link org.doorbell.tracking.Follows}): its box, when it was last found and last
 * encoded, and whether the identity has decided who it is. Follows say where to search the next
 * frame and whether an encoding is worth making; they compare no encodings. A follow not found
 * for {@link org.doorbell.tracking.Follows#LOST_AFTER} is gone. "Followed" always means this.</dd>
 * <dt>track</dt>
 * <dd>A face as the identity knows it ({@code identity.Track}, in
 * {@link org.doorbell.identity.GalleryIdentity}): the faces of consecutive frames it takes for one
 * person, by place and by encoding, with their views and, once decided, their visitor. Each face
 * carries its follow's number, so a face not encoded again continues the track its follow fed;
 * someone else taking a followed face's place starts a new track under the same follow. A track
 * unseen for a second has ended, and its views join its visitor's gallery.</dd>
 * <dt>view</dt>
 * <dd>One encoding of a face with its view quality ({@link org.doorbell.visitors.FaceSample}). A
 * track's views and a visitor's gallery keep distinct views only: near-identical encodings (a face
 * that does not move) count as one.</dd>
 * <dt>sighting</dt>
 * <dd>What the visitor registry made of one face ({@link org.doorbell.visitors.Sighting}):
 * which visitor, whether it registered them, how far the face was from them.</dd>
 * <dt>visit</dt>
 * <dd>One stay of a visitor at the door: their sightings while none is further from the one before
 * than {@link org.doorbell.visitors.VisitorSettings#newVisitAfter()} (5 minutes); the next one after
 * a longer gap starts a new visit ({@link org.doorbell.visitors.VisitorRegistry}).</dd>
 * <dt>face crop, thumbnail</dt>
 * <dd>A face crop is a 150x150 JPEG of a face cut from a frame ({@code detect.FaceCrops}) when it is
 * encoded; a visitor's thumbnail is the best of their face crops, which the screen shows.</dd>
 * <dt>moving the labels</dt>
 * <dd>On screen only: between two recognitions, the boxes and labels drawn are moved with the
 * faces in the picture ({@code org.doorbell.appliance.LabelMover}); recognition never hears of
 * it.</dd>
 * </dl>
 */
package org.doorbell.recognition;
