package org.parlons.customers;

import java.util.Optional;

/**
 * What a module calls the namespaces of the channel ids it gives customers ("inbox:3" is
 * the inbox "Formulaire de contact"), so a profile names where an id comes from.
 */
public interface NamespaceNames {

	/** The readable name of a namespace; empty when it is not this module's. */
	Optional<String> nameOf(String namespace);

}
