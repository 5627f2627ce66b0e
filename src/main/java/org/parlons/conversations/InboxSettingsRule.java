package org.parlons.conversations;

import java.util.Map;
import java.util.Set;

/**
 * Settings of an inbox that belong to no channel (service levels, business hours): each
 * module that reads some checks them when an inbox is saved, and names them so every
 * channel keeps them.
 */
public interface InboxSettingsRule {

	/** The setting names this rule owns. */
	Set<String> keys();

	/**
	 * @throws IllegalArgumentException naming what is wrong
	 */
	void check(Map<String, Object> settings);

}
