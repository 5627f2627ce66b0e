package org.parlons.channels.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import org.parlons.platform.Leases;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.parlons.channels.ChannelSettings;
import org.parlons.channels.ChannelHealth;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Ingestion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.parlons.platform.Scheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fetches new mail from every email inbox over IMAP, in UID order from the stored
 * high-water mark, and hands it to ingestion in batches; the mark moves only after a
 * batch is stored. A failing mailbox is retried with exponential backoff and shown as
 * failing with its error, never silently dropped.
 */
@Component
class MailboxPoller {

	private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

	private static final long MAX_MESSAGE_BYTES = 60L * 1024 * 1024;

	private final Inboxes inboxes;

	private final Ingestion ingestion;

	private final MailboxState state;

	private final ChannelHealth health;

	private final InboundMail inboundMail;

	private final MailParser parser;

	private final Clock clock;

	private final Duration interval;

	private final Duration maxBackoff;

	private final int fetchBatch;

	/** When each inbox is due next; an inbox absent from it is due now. */
	private final Map<Long, Instant> due = new ConcurrentHashMap<>();

	/**
	 * Inboxes switched off and already shown as disabled (not to write it every second).
	 */
	private final java.util.Set<Long> disabled = ConcurrentHashMap.newKeySet();

	/** Inboxes being polled now: one poll per mailbox at a time. */
	private final java.util.Set<Long> polling = ConcurrentHashMap.newKeySet();

	// Mailboxes are fetched off the scheduler thread: a server that hangs until the
	// timeout must not hold up reply delivery or the other mailboxes.
	private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(4,
			r -> {
				Thread t = new Thread(r, "parlons-mailbox");
				t.setDaemon(true);
				return t;
			});

	private final Leases leases;

	MailboxPoller(Leases leases, Inboxes inboxes, Ingestion ingestion, MailboxState state, ChannelHealth health,
			InboundMail inboundMail, Clock clock, ChannelSettings settings) {
		this.leases = leases;
		this.inboxes = inboxes;
		this.ingestion = ingestion;
		this.state = state;
		this.health = health;
		this.inboundMail = inboundMail;
		this.parser = new MailParser(settings.email().maxAttachmentBytes());
		this.clock = clock;
		this.interval = settings.email().pollInterval();
		this.maxBackoff = settings.email().maxBackoff();
		this.fetchBatch = settings.email().fetchBatch();
	}

	@Scheduled(fixedDelayString = "PT1S", initialDelayString = "PT2S", scheduler = Scheduling.NETWORK)
	void tick() {
		for (Inbox inbox : inboxes.findAll()) {
			if (!"email".equals(inbox.channel())) {
				continue;
			}
			if ("false".equals(inbox.setting("enabled"))) {
				if (disabled.add(inbox.id())) {
					health.disabled(inbox.id());
				}
				continue;
			}
			if (disabled.remove(inbox.id())) {
				due.remove(inbox.id()); // switched on again: fetch now
			}
			if (!leases.holdHere(MailboxWatcher.lease(inbox.id()))) {
				continue; // another node reads this mailbox
			}
			Instant now = clock.instant();
			if (due.getOrDefault(inbox.id(), Instant.MIN).isAfter(now) || !polling.add(inbox.id())) {
				continue;
			}
			workers.execute(() -> {
				try {
					poll(inbox);
				}
				finally {
					polling.remove(inbox.id());
				}
			});
		}
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		workers.shutdownNow();
	}

	/**
	 * The server announced new mail (IDLE): fetch at the next tick rather than at the
	 * next poll.
	 */
	void fetchSoon(long inboxId) {
		due.put(inboxId, Instant.MIN);
	}

	/**
	 * Fetches everything new in one inbox now; answers how many mails were stored or
	 * recognised.
	 */
	int poll(Inbox inbox) {
		EmailSettings settings;
		try {
			settings = EmailSettings.of(inbox);
		}
		catch (IllegalArgumentException ex) {
			fail(inbox, "settings: " + ex.getMessage());
			return 0;
		}
		try {
			int fetched = fetch(inbox.id(), settings);
			health.succeeded(inbox.id());
			due.put(inbox.id(), clock.instant().plus(interval));
			return fetched;
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			log.warn("Mailbox of inbox {} failed: {}", inbox.id(), ex.toString());
			fail(inbox, describe(ex));
			return 0;
		}
	}

	private int fetch(long inboxId, EmailSettings settings) throws MessagingException, IOException {
		EmailSettings.Server imap = settings.imap();
		try (Store store = MailSessions.imap(imap).getStore()) {
			store.connect(imap.host(), imap.port(), imap.username(), imap.password());
			Folder folder = store.getFolder(settings.folder());
			if (!(folder instanceof UIDFolder uids)) {
				throw new MessagingException("the server gives no UIDs for " + settings.folder());
			}
			folder.open(Folder.READ_ONLY);
			try {
				long validity = uids.getUIDValidity();
				var stored = state.of(inboxId);
				if (stored.isPresent() && stored.get().uidValidity() != validity) {
					log.info(
							"Mailbox of inbox {} has a new UIDVALIDITY ({} → {}): read again from the start; "
									+ "each mail is kept once by its Message-ID",
							inboxId, stored.get().uidValidity(), validity);
				}
				MailboxState.Mark mark = stored.filter(m -> m.uidValidity() == validity)
					.orElse(new MailboxState.Mark(validity, 0));
				// getMessagesByUID(n, MAXUID) includes the last mail even when its UID is
				// below n.
				List<Message> fresh = new ArrayList<>(
						Arrays.asList(uids.getMessagesByUID(mark.lastUid() + 1, UIDFolder.MAXUID)));
				// UIDs and sizes of every new mail in one command, then each chunk's
				// mails in one more.
				FetchProfile sizes = new FetchProfile();
				sizes.add(UIDFolder.FetchProfileItem.UID);
				sizes.add(FetchProfile.Item.SIZE);
				folder.fetch(fresh.toArray(Message[]::new), sizes);
				fresh.removeIf(m -> uid(uids, m) <= mark.lastUid());
				fresh.sort(Comparator.comparingLong(m -> uid(uids, m)));
				int count = 0;
				for (int from = 0; from < fresh.size(); from += fetchBatch) {
					List<Message> chunk = fresh.subList(from, Math.min(fresh.size(), from + fetchBatch));
					folder.fetch(chunk.stream().filter(m -> size(m) <= MAX_MESSAGE_BYTES).toArray(Message[]::new),
							WHOLE);
					List<InboundMessage> batch = new ArrayList<>(chunk.size());
					for (Message message : chunk) {
						batch.add(inboundMail.of(inboxId, parser.parse(raw(message))));
					}
					ingestion.receiveAll(inboxId, batch);
					state.advance(inboxId, settings.folder(), validity, uid(uids, chunk.get(chunk.size() - 1)));
					count += chunk.size();
				}
				return count;
			}
			finally {
				folder.close(false);
			}
		}
	}

	/** Whole mails, headers and bodies, fetched together (IMAP {@code BODY.PEEK[]}). */
	private static final FetchProfile WHOLE = new FetchProfile();

	static {
		WHOLE.add(IMAPFolder.FetchProfileItem.MESSAGE);
	}

	private static long size(Message message) {
		try {
			return message.getSize();
		}
		catch (MessagingException ex) {
			return 0;
		}
	}

	private static byte[] raw(Message message) throws MessagingException, IOException {
		if (message.getSize() > MAX_MESSAGE_BYTES) {
			String headers = "Subject: (a mail of " + message.getSize() + " bytes, over the limit of "
					+ MAX_MESSAGE_BYTES + " bytes, was not fetched)\r\nMessage-ID: " + idOf(message)
					+ "\r\n\r\nThis mail was too large to fetch.";
			return headers.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
		message.writeTo(out);
		return out.toByteArray();
	}

	private static String idOf(Message message) throws MessagingException {
		String[] ids = message.getHeader("Message-ID");
		return ids == null || ids.length == 0 ? "<too-large." + System.nanoTime() + "@parlons.invalid>" : ids[0];
	}

	private static long uid(UIDFolder folder, Message message) {
		try {
			return folder.getUID(message);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void fail(Inbox inbox, String error) {
		int failures = health.of(inbox.id()).failures() + 1;
		Duration backoff = interval.multipliedBy(1L << Math.min(failures - 1, 16));
		if (backoff.compareTo(maxBackoff) > 0) {
			backoff = maxBackoff;
		}
		backoff = backoff.plusMillis((long) (backoff.toMillis() * ThreadLocalRandom.current().nextDouble(0, 0.2)));
		Instant next = clock.instant().plus(backoff);
		health.failed(inbox.id(), error, next);
		due.put(inbox.id(), next);
	}

	private static String describe(Exception ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
		return root == ex ? message : message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
	}

}
