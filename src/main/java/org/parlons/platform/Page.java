package org.parlons.platform;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items the rows of this page
 * @param total how many rows the whole list holds
 * @param page this page's number, from 0
 * @param size rows per page
 */
public record Page<T>(List<T> items, long total, int page, int size) {

	public static int clampSize(Integer size, int fallback) {
		if (size == null) {
			return fallback;
		}
		return Math.max(1, Math.min(size, 200));
	}

	public static int clampPage(Integer page) {
		return page == null ? 0 : Math.max(0, page);
	}

}
