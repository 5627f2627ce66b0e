package org.parlons.advocacy;

import java.util.List;

import org.parlons.customers.CustomerErasing;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An erased customer leaves their programmes (alumni, by no one) and the texts of their
 * flagged posts are forgotten; the ledger keeps its numbers.
 */
@Component
class MemberErasure {

	private final Members members;

	private final Flags flags;

	MemberErasure(Members members, Flags flags) {
		this.members = members;
		this.flags = flags;
	}

	@EventListener
	void on(CustomerErasing event) {
		List<Members.Member> theirs = members.ofCustomer(event.profileIds());
		for (Members.Member member : theirs) {
			if (member.status() != MemberStatus.ALUMNI) {
				members.move(member.id(), MemberStatus.ALUMNI, null, "erased");
			}
		}
		flags.forget(theirs.stream().map(Members.Member::id).toList());
	}

}
