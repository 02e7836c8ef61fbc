/**
 * The running doorbell: {@link org.doorbell.appliance.Appliance} wires the camera, recognition,
 * the screen and the events together, feeds the screen every frame with its boxes and labels moved
 * with the picture ({@link org.doorbell.appliance.LabelMover}), keeps the run's clock
 * ({@link org.doorbell.appliance.RunClock}) and statistics ({@link org.doorbell.appliance.RunStats}),
 * forgets visitors by the retention rules ({@link org.doorbell.appliance.RetentionSchedule}), carries
 * out the owner's corrections from the screen ({@link org.doorbell.appliance.OwnerActions}), and
 * stops cleanly, saving the store.
 */
package org.doorbell.appliance;
