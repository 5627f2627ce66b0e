package org.parlons.advocacy.web;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.advocacy.Candidates;
import org.parlons.advocacy.Contract;
import org.parlons.advocacy.EngagementScores;
import org.parlons.advocacy.Flags;
import org.parlons.advocacy.Ledger;
import org.parlons.advocacy.MemberStatus;
import org.parlons.advocacy.Members;
import org.parlons.advocacy.Missions;
import org.parlons.advocacy.Programmes;
import org.parlons.advocacy.Rewards;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.InboxAccess;
import org.parlons.agents.InboxScope;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.platform.ErrorDetails;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The programme manager's pages: the programmes, and for each its members (status,
 * contract, points, engagement), missions, rewards and requests, disclosure flags and the
 * candidates listening proposes.
 */
@Controller
@Requires(Permission.MANAGE_PROGRAMMES)
class ProgrammePages {

	private final Programmes programmes;

	private final Members members;

	private final Missions missions;

	private final Ledger ledger;

	private final Rewards rewards;

	private final Flags flags;

	private final Candidates candidates;

	private final EngagementScores engagement;

	private final MemberViews views;

	private final InboxAccess access;

	private final MessageSource words;

	ProgrammePages(Programmes programmes, Members members, Missions missions, Ledger ledger, Rewards rewards,
			Flags flags, Candidates candidates, EngagementScores engagement, MemberViews views, InboxAccess access,
			MessageSource words) {
		this.programmes = programmes;
		this.members = members;
		this.missions = missions;
		this.ledger = ledger;
		this.rewards = rewards;
		this.flags = flags;
		this.candidates = candidates;
		this.engagement = engagement;
		this.views = views;
		this.access = access;
		this.words = words;
	}

	@GetMapping("/programmes")
	String list(Model model) {
		model.addAttribute("programmes", programmes.list());
		model.addAttribute("kinds", Programmes.KINDS);
		return "advocacy/programmes";
	}

	@PostMapping("/programmes")
	String create(@AuthenticationPrincipal AgentPrincipal me, @RequestParam String name, @RequestParam String kind,
			@RequestParam(required = false) @Nullable String description, RedirectAttributes redirect) {
		try {
			long id = programmes.create(name, kind, description, me.id()).id();
			return "redirect:/programmes/" + id;
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
			return "redirect:/programmes";
		}
	}

	@GetMapping("/programmes/{id}")
	String programme(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, Model model) {
		Programmes.Programme programme = programmes.get(id);
		List<MemberViews.View> all = members.of(id).stream().map(views::of).toList();
		Map<Long, EngagementScores.Engagement> scores = new HashMap<>();
		Map<Long, List<String>> next = new HashMap<>();
		for (MemberViews.View m : all) {
			if (m.customerId() != null) {
				engagement.now(m.customerId()).ifPresent(e -> scores.put(m.id(), e));
			}
			next.put(m.id(), MemberStatus.of(m.status()).next().stream().map(MemberStatus::api).toList());
		}
		InboxScope scope = access.scopeOf(me);
		model.addAttribute("programme", programme);
		model.addAttribute("members", all);
		model.addAttribute("scores", scores);
		model.addAttribute("next", next);
		model.addAttribute("missions", missions.of(id));
		model.addAttribute("missionKinds", Missions.KINDS);
		model.addAttribute("rewards", rewards.of(id));
		model.addAttribute("redemptions", rewards.ofProgramme(id));
		model.addAttribute("flags", flags.of(id, true));
		model.addAttribute("candidates", candidates.of(id, null, scope.all() ? null : scope.inboxIds(), 10));
		model.addAttribute("levels", Ledger.Level.values());
		return "advocacy/programme";
	}

	@PostMapping("/programmes/{id}/members")
	String nominate(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam long customerId,
			@RequestParam(required = false) @Nullable String mission,
			@RequestParam(defaultValue = "unpaid") String contract,
			@RequestParam(required = false) @Nullable BigDecimal amount,
			@RequestParam(required = false) @Nullable String currency,
			@RequestParam(required = false) @Nullable String disclosure, RedirectAttributes redirect, Locale locale) {
		return act(id, redirect, locale, "programmes.nominated", () -> {
			programmes.get(id);
			members.nominate(id, new Members.Nomination(customerId, null, mission, null,
					new Contract(Contract.Kind.of(contract), amount,
							currency == null || currency.isBlank() ? null : currency.strip().toUpperCase(Locale.ROOT),
							disclosure)),
					me.id());
		});
	}

	@PostMapping("/programmes/{id}/members/{memberId}/status")
	String move(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @PathVariable long memberId,
			@RequestParam String status, @RequestParam(required = false) @Nullable String note,
			RedirectAttributes redirect, Locale locale) {
		return act(id, redirect, locale, "programmes.moved", () -> {
			members.in(id, memberId);
			members.move(memberId, MemberStatus.of(status), me.id(), note);
		});
	}

	@PostMapping("/programmes/{id}/missions")
	String mission(@PathVariable long id, @RequestParam String title, @RequestParam String kind,
			@RequestParam int points, @RequestParam(required = false) @Nullable String evidenceMatch,
			@RequestParam(required = false) @Nullable Integer maxPerMember, RedirectAttributes redirect,
			Locale locale) {
		return act(id, redirect, locale, "programmes.missionAdded", () -> missions.create(id,
				new Missions.NewMission(title, kind, points, evidenceMatch, maxPerMember, null, null)));
	}

	@PostMapping("/programmes/{id}/evidence")
	String evidence(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam long missionId,
			@RequestParam long memberId, @RequestParam String evidence, RedirectAttributes redirect, Locale locale) {
		try {
			Missions.Mission mission = missions.get(missionId);
			Members.Member member = members.in(id, memberId);
			boolean earned = mission.programmeId() == id && !evidence.isBlank()
					&& ledger.earn(member, mission, evidence.strip(), me.id());
			redirect.addFlashAttribute("notice", words.getMessage(earned ? "programmes.earned" : "programmes.notEarned",
					new Object[] { mission.points() }, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/programmes/" + id;
	}

	@PostMapping("/programmes/{id}/rewards")
	String reward(@PathVariable long id, @RequestParam String title, @RequestParam int cost,
			RedirectAttributes redirect, Locale locale) {
		return act(id, redirect, locale, "programmes.rewardAdded", () -> rewards.create(id, title, cost));
	}

	@PostMapping("/programmes/{id}/redemptions/{redemptionId}/approve")
	String approve(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @PathVariable long redemptionId,
			RedirectAttributes redirect, Locale locale) {
		return act(id, redirect, locale, "programmes.decided", () -> rewards.decide(id, redemptionId, true, me.id()));
	}

	@PostMapping("/programmes/{id}/redemptions/{redemptionId}/reject")
	String reject(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @PathVariable long redemptionId,
			RedirectAttributes redirect, Locale locale) {
		return act(id, redirect, locale, "programmes.decided", () -> rewards.decide(id, redemptionId, false, me.id()));
	}

	@PostMapping("/programmes/{id}/flags/{flagId}/resolve")
	String resolve(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @PathVariable long flagId,
			RedirectAttributes redirect, Locale locale) {
		return act(id, redirect, locale, "programmes.resolved", () -> flags.resolve(id, flagId, me.id()));
	}

	private String act(long id, RedirectAttributes redirect, Locale locale, String done, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", words.getMessage(done, null, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/programmes/" + id;
	}

}
