package org.parlons.portal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.parlons.customers.CustomerFacts;
import org.parlons.customers.Customers;
import org.springframework.stereotype.Component;

/**
 * A customer's contracts and latest consumption beside their conversations and on their
 * profile, as the company's systems pushed them.
 */
@Component
class ContractFacts implements CustomerFacts {

	private final Contracts contracts;

	private final Customers customers;

	ContractFacts(Contracts contracts, Customers customers) {
		this.contracts = contracts;
		this.customers = customers;
	}

	@Override
	public List<Fact> of(long customerId) {
		var profiles = customers.aliasesOf(customers.current(customerId));
		List<Fact> facts = new ArrayList<>();
		for (Contracts.Contract c : contracts.ofCustomers(profiles)) {
			if (facts.size() >= 5) {
				break;
			}
			facts.add(new Fact("contract", c.name() + " · " + c.status(),
					c.externalId() + ", " + c.startsOn() + (c.endsOn() == null ? "" : " → " + c.endsOn())));
		}
		Map<String, Contracts.Consumption> latest = new LinkedHashMap<>();
		contracts.consumptionOf(profiles).forEach(k -> latest.put(k.contract() + " " + k.metric(), k));
		latest.values()
			.stream()
			.limit(3)
			.forEach(k -> facts
				.add(new Fact("consumption", k.metric() + " " + k.quantity().toPlainString() + " " + k.unit(),
						k.contract() + ", " + k.from() + " → " + k.to())));
		return facts;
	}

}
