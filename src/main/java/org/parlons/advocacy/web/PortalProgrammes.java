package org.parlons.advocacy.web;

import java.util.List;

import org.parlons.advocacy.Ledger;
import org.parlons.advocacy.Members;
import org.parlons.advocacy.Programmes;
import org.parlons.advocacy.Rewards;
import org.parlons.platform.NotFoundException;
import org.parlons.portal.PortalCustomer;
import org.parlons.portal.PortalRequests;
import org.springframework.stereotype.Component;

/** A customer's memberships as their space shows them. */
@Component
class PortalProgrammes {

	/**
	 * A membership seen by the member.
	 *
	 * @param programme the programme's name
	 * @param kind the programme's kind
	 * @param member the membership: status, mission, term, contract, points
	 * @param rewards what the points may be spent on
	 * @param redemptions the member's requests for rewards
	 * @param ledger the latest lines of their points
	 */
	record Membership(String programme, String kind, MemberViews.View member, List<Rewards.Reward> rewards,
			List<Rewards.Redemption> redemptions, List<Ledger.Line> ledger) {
	}

	private final Members members;

	private final Programmes programmes;

	private final Rewards rewards;

	private final Ledger ledger;

	private final MemberViews views;

	private final PortalRequests requests;

	PortalProgrammes(Members members, Programmes programmes, Rewards rewards, Ledger ledger, MemberViews views,
			PortalRequests requests) {
		this.members = members;
		this.programmes = programmes;
		this.rewards = rewards;
		this.ledger = ledger;
		this.views = views;
		this.requests = requests;
	}

	List<Membership> of(PortalCustomer me) {
		return members.ofCustomer(requests.profilesOf(me)).stream().map(m -> {
			Programmes.Programme p = programmes.get(m.programmeId());
			return new Membership(p.name(), p.kind(), views.of(m), rewards.of(p.id()), rewards.ofMember(m.id()),
					ledger.lines(m.id(), 20));
		}).toList();
	}

	/** The member's own membership, or not found. */
	Members.Member mine(PortalCustomer me, long memberId) {
		return members.ofCustomer(requests.profilesOf(me))
			.stream()
			.filter(m -> m.id() == memberId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No membership " + memberId));
	}

	boolean anyFor(PortalCustomer me) {
		return !members.ofCustomer(requests.profilesOf(me)).isEmpty();
	}

}
