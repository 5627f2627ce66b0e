package org.parlons.network.web;

import java.util.List;

/**
 * A list, as the network's API answers one.
 *
 * @param items its elements
 */
record Listed<T>(List<T> items) {
}
