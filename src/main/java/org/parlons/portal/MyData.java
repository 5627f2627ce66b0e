package org.parlons.portal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.parlons.conversations.Satisfaction;
import org.parlons.customers.Customer;
import org.parlons.customers.Customers;
import org.parlons.customers.Organisations;
import org.springframework.stereotype.Service;

/**
 * A customer's own record, whole, as they may download it from their space (GDPR art. 15
 * and 20): their profile and every profile merged into it, identities, their requests
 * with what they wrote and were actually sent, their ratings, consents, contracts and
 * consumption, preferences and organisation, grants and data requests; and, under
 * {@code tables}, every row of every table that refers to them by a foreign key (see
 * {@link org.parlons.privacy.PersonalRecords}). Nothing of anybody else: not the requests
 * of their organisation's members.
 */
@Service
public class MyData {

	private final Customers customers;

	private final PortalRequests requests;

	private final Contracts contracts;

	private final PortalPreferences preferences;

	private final Organisations organisations;

	private final Satisfaction satisfaction;

	private final Clock clock;

	private final org.parlons.privacy.Consents consents;

	private final org.parlons.privacy.DataRequests dataRequests;

	private final org.parlons.privacy.PersonalRecords records;

	private final Grants grants;

	MyData(Customers customers, PortalRequests requests, Contracts contracts, PortalPreferences preferences,
			Organisations organisations, Satisfaction satisfaction, Clock clock, org.parlons.privacy.Consents consents,
			org.parlons.privacy.DataRequests dataRequests, org.parlons.privacy.PersonalRecords records, Grants grants) {
		this.consents = consents;
		this.dataRequests = dataRequests;
		this.records = records;
		this.grants = grants;
		this.customers = customers;
		this.requests = requests;
		this.contracts = contracts;
		this.preferences = preferences;
		this.organisations = organisations;
		this.satisfaction = satisfaction;
		this.clock = clock;
	}

	public Map<String, Object> of(PortalCustomer me) {
		long current = requests.currentOf(me);
		Set<Long> profiles = requests.profilesOf(me);
		Customer customer = customers.findById(current).orElseThrow();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("exportedAt", clock.instant().toString());
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("id", customer.id());
		profile.put("name", customer.name());
		profile.put("createdAt", customer.createdAt().toString());
		profile.put("mergedProfiles", profiles.stream().filter(id -> id != current).toList());
		profile.put("attributes", customer.attributes());
		profile.put("tags", customer.tags());
		out.put("profile", profile);
		List<Map<String, Object>> identities = new ArrayList<>();
		for (long id : profiles) {
			for (Customer.StoredIdentity i : customers.identities(id)) {
				identities.add(Map.of("kind", i.identity().kind().api(), "namespace", i.identity().namespace(), "value",
						i.identity().value()));
			}
		}
		out.put("identities", identities);
		Map<String, Object> consent = new LinkedHashMap<>();
		consent.put("purposes", consents.states(current, java.util.Locale.ENGLISH));
		consent.put("decisions", consents.history(current));
		out.put("consents", consent);
		List<Map<String, Object>> mine = new ArrayList<>();
		List<Map<String, Object>> ratings = new ArrayList<>();
		for (PortalRequests.Request r : requests.list(me)) {
			if (r.from() != null) {
				continue; // an organisation member's, not theirs
			}
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("request", r);
			request.put("messages", requests.thread(me, r.id()));
			mine.add(request);
			for (Satisfaction.Survey s : satisfaction.ofConversation(r.id())) {
				if (s.answered()) {
					Map<String, Object> rating = new LinkedHashMap<>();
					rating.put("requestId", r.id());
					rating.put("score", s.score());
					rating.put("comment", s.comment());
					rating.put("ratedAt", String.valueOf(s.ratedAt()));
					ratings.add(rating);
				}
			}
		}
		out.put("requests", mine);
		out.put("ratings", ratings);
		out.put("contracts", contracts.ofCustomer(current));
		out.put("consumption", contracts.consumptionOf(profiles));
		out.put("preferences", preferences.of(current));
		out.put("organisation",
				organisations.ofCustomer(current)
					.map(m -> Map.of("role", m.role(), "name",
							organisations.find(m.organisationId()).map(Organisations.Organisation::name).orElse("")))
					.orElse(null));
		out.put("grants", grants.of(profiles));
		out.put("dataRequests", dataRequests.ofCustomer(current));
		out.put("tables", records.of(profiles));
		return out;
	}

}
