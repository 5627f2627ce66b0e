package org.parlons.customers;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * An identity as a page shows it: an email or a phone as it is, a handle with its
 * network, a channel's id with the name of where it comes from ("client-88 (Formulaire de
 * contact)", not "client-88 (inbox:3)"). Templates call it as
 * {@code @identityLabels.of(identity)}.
 */
@Component("identityLabels")
public class IdentityLabels {

	private final List<NamespaceNames> names;

	IdentityLabels(List<NamespaceNames> names) {
		this.names = names;
	}

	public String of(Identity identity) {
		if (identity.kind() != Identity.Kind.EXTERNAL) {
			return identity.label();
		}
		return identity.label(names.stream()
			.map(n -> n.nameOf(identity.namespace()))
			.flatMap(Optional::stream)
			.findFirst()
			.orElse(identity.namespace()));
	}

}
