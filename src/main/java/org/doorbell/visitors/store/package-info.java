/**
 * How the visitors are stored: one SQLite database file ({@code known_faces.db}) holding every
 * known visitor, their galleries, pictures and the owner's edits. Every save and every correction
 * is one transaction, on disk before it returns, so a crash or a power cut keeps every committed
 * change and never leaves half of one. The tables and the schema version are described in
 * {@link org.doorbell.visitors.store.StoreSchema}.
 *
 * <p>The rest of the appliance opens a store with {@link org.doorbell.visitors.store.VisitorStores}
 * and uses it through the {@link org.doorbell.visitors.VisitorStore} interface;
 * {@link org.doorbell.visitors.store.SqliteVisitorStore} is the implementation, and its
 * package-private parts open the file, import the format-1 file, read and write rows and pictures,
 * and keep the edit log.
 */
package org.doorbell.visitors.store;
