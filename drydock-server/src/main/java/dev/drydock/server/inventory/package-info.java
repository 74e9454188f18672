/**
 * The image inventory: registered registries, their repositories and tagged images, and the
 * registry sync that keeps them current.
 */
@NullMarked
package dev.drydock.server.inventory;

import org.jspecify.annotations.NullMarked;
