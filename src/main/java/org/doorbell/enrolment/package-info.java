/**
 * Visitors enrolled from photos before they ever come ({@code doorbell visitors add}): a photo's
 * one face, found and gated as the doorbell finds faces ({@link org.doorbell.enrolment.PhotoFaces}).
 */
package org.doorbell.enrolment;
