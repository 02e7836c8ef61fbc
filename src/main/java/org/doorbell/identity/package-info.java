/**
 * Who each face is: tracked faces in, decisions out.
 *
 * <p>{@link org.doorbell.identity.Identity} takes the good faces of each analysed frame, in capture
 * order, and says for each one which visitor it is, that it is a new visitor, or that it is not
 * sure yet. {@link org.doorbell.identity.GalleryIdentity} decides per tracked face from all of its
 * views against every visitor's gallery; {@link org.doorbell.identity.ReferenceIdentity} is the
 * reference demo's frame-by-frame rule, kept for comparison.
 */
package org.doorbell.identity;
