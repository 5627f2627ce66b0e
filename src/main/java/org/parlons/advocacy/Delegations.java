package org.parlons.advocacy;

import org.parlons.agents.Agent;
import org.parlons.agents.AgentRegistration;
import org.parlons.agents.Agents;
import org.parlons.agents.Mandate;
import org.parlons.agents.Role;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Powers delegated to a member: an agent account (role agent, its inboxes given by its
 * teams) that speaks for the brand within the delegated mandate, so that what the member
 * replies or publishes through Parlons passes the same governance as any agent's: held
 * for approval beyond the mandate, checked against the conduct rules. The account works
 * while the member is active and is switched off when they are suspended or leave.
 */
@Service
public class Delegations {

	private final Members members;

	private final Agents agents;

	private final AgentRegistration registration;

	private final ApplicationEventPublisher events;

	Delegations(Members members, Agents agents, AgentRegistration registration, ApplicationEventPublisher events) {
		this.members = members;
		this.agents = agents;
		this.registration = registration;
		this.events = events;
	}

	/**
	 * Delegates the mandate to the member through the account: the account takes the
	 * mandate, and works only while the member is active.
	 */
	@Transactional
	public Members.Member delegate(long memberId, long agentId, Mandate mandate, long actorId) {
		Members.Member member = members.get(memberId);
		Agent account = agents.findById(agentId).orElseThrow(() -> new NotFoundException("No agent " + agentId));
		if (account.role() != Role.AGENT) {
			throw Refusals.invalid("advocacy.delegation.role",
					"A delegated account has the role agent, so that its mandate binds it");
		}
		registration.update(actorId, agentId,
				new AgentRegistration.Change(null, mandate, null, member.status().acting(), null));
		members.delegateTo(memberId, agentId, mandate.describe());
		events.publishEvent(new AdvocacyEvent("member.delegated", Members.subject(memberId),
				"agent " + agentId + ": " + mandate.describe(), actorId));
		return members.get(memberId);
	}

	/** Ends the delegation: the account stops working. */
	@Transactional
	public Members.Member revoke(long memberId, long actorId) {
		Members.Member member = members.get(memberId);
		Long account = member.delegateAgentId();
		if (account != null) {
			registration.update(actorId, account, AgentRegistration.Change.active(false));
			members.delegateTo(memberId, null, null);
			events.publishEvent(new AdvocacyEvent("member.delegation-revoked", Members.subject(memberId),
					"agent " + account, actorId));
		}
		return members.get(memberId);
	}

	@EventListener
	void on(MemberMoved moved) {
		Members.Member member = members.get(moved.memberId());
		Long account = member.delegateAgentId();
		if (account != null && moved.from().acting() != moved.to().acting()) {
			registration.update(moved.actorId(), account, AgentRegistration.Change.active(moved.to().acting()));
		}
	}

}
