package org.parlons.representation;

import java.util.List;

import org.parlons.conversations.Conversations;
import org.parlons.customers.Customers;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.parlons.portal.PortalCustomer;
import org.parlons.portal.PortalRequests;
import org.springframework.stereotype.Service;

/**
 * A representative asks for mediation on behalf of a member of their community: they name
 * the member by register number and the request by the number the member sees in their
 * space; the request must be that member's. The representative reads nothing of it: a
 * mismatch is answered as not found.
 */
@Service
public class OnBehalf {

	private final Questions questions;

	private final Communities communities;

	private final Conversations conversations;

	private final Customers customers;

	private final PortalRequests portal;

	private final Mediations mediations;

	OnBehalf(Questions questions, Communities communities, Conversations conversations, Customers customers,
			PortalRequests portal, Mediations mediations) {
		this.questions = questions;
		this.communities = communities;
		this.conversations = conversations;
		this.customers = customers;
		this.portal = portal;
		this.mediations = mediations;
	}

	public Mediations.Mediation mediation(PortalCustomer me, String registerNumber, long conversationId,
			String reason) {
		Representatives.Representative office = questions.office(me).orElseThrow(Questions.NotInOffice::new);
		if (office.communityId() == null) {
			throw Refusals.invalid("representation.mediation.community",
					"A representative asks on behalf of a member of their community");
		}
		long member = communities.holder(office.communityId(), registerNumber == null ? "" : registerNumber)
			.map(customers::current)
			.orElseThrow(() -> new NotFoundException("No such member and request"));
		Long owner = conversations.currentCustomersOf(List.of(conversationId)).get(conversationId);
		if (owner == null || customers.current(owner) != member) {
			throw new NotFoundException("No such member and request");
		}
		return mediations.request(conversationId, member, reason, portal.currentOf(me));
	}

}
