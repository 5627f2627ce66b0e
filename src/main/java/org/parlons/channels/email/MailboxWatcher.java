package org.parlons.channels.email;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.parlons.platform.Leases;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.parlons.platform.Scheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * IMAP IDLE where the server offers it: one connection per mailbox waits for the server
 * to announce new mail and asks the poller to fetch at once, instead of at the next poll.
 * Polling stays the safety net: a server without IDLE, or a watcher that lost its
 * connection, only means waiting for the next poll.
 */
@Component
class MailboxWatcher {

	private static final Logger log = LoggerFactory.getLogger(MailboxWatcher.class);

	private static final Duration RETRY = Duration.ofSeconds(30);

	private final Inboxes inboxes;

	private final MailboxPoller poller;

	/** The running watcher of each inbox, with the settings it was started with. */
	private final Map<Long, Watch> watches = new ConcurrentHashMap<>();

	private volatile boolean running = true;

	private final Leases leases;

	MailboxWatcher(Leases leases, Inboxes inboxes, MailboxPoller poller) {
		this.leases = leases;
		this.inboxes = inboxes;
		this.poller = poller;
	}

	/**
	 * One watching thread and the connection it holds, to close when the inbox changes or
	 * goes.
	 */
	private final class Watch implements Runnable {

		final Inbox inbox;

		final Thread thread;

		volatile Store store;

		volatile boolean stopped;

		Watch(Inbox inbox) {
			this.inbox = inbox;
			this.thread = new Thread(this, "parlons-idle-" + inbox.id());
			this.thread.setDaemon(true);
		}

		@Override
		public void run() {
			while (running && !stopped) {
				try {
					if (!watchOnce()) {
						return; // no IDLE on this server: polling alone
					}
				}
				catch (MessagingException | RuntimeException ex) {
					if (stopped || !running) {
						return;
					}
					log.debug("IDLE on inbox {} interrupted: {}", inbox.id(), ex.toString());
					sleep(RETRY);
				}
			}
		}

		/**
		 * Waits for new mail until the connection ends; false when the server offers no
		 * IDLE.
		 */
		private boolean watchOnce() throws MessagingException {
			EmailSettings settings = EmailSettings.of(inbox);
			EmailSettings.Server imap = settings.imap();
			try (Store opened = MailSessions.imap(imap).getStore()) {
				store = opened;
				opened.connect(imap.host(), imap.port(), imap.username(), imap.password());
				if (!(opened instanceof IMAPStore imapStore) || !imapStore.hasCapability("IDLE")) {
					return false;
				}
				IMAPFolder folder = (IMAPFolder) opened.getFolder(settings.folder());
				folder.open(Folder.READ_ONLY);
				while (running && !stopped && folder.isOpen()) {
					folder.idle(true);
					poller.fetchSoon(inbox.id());
				}
				return true;
			}
		}

		void stop() {
			stopped = true;
			Store s = store;
			if (s != null) {
				try {
					s.close();
				}
				catch (MessagingException | RuntimeException ignored) {
					// closing is all we want
				}
			}
			thread.interrupt();
		}

	}

	/**
	 * Starts a watcher for each enabled email inbox, and stops those of inboxes changed
	 * or gone.
	 */
	@Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT3S", scheduler = Scheduling.NETWORK)
	void reconcile() {
		Map<Long, Inbox> wanted = inboxes.findAll()
			.stream()
			.filter(i -> "email".equals(i.channel()) && !"false".equals(i.setting("enabled")))
			.filter(i -> leases.holdHere(lease(i.id()))) // one node reads a mailbox
			.collect(Collectors.toMap(Inbox::id, i -> i));
		for (Map.Entry<Long, Watch> entry : Set.copyOf(watches.entrySet())) {
			Inbox now = wanted.get(entry.getKey());
			if (now == null || !now.settings().equals(entry.getValue().inbox.settings())) {
				entry.getValue().stop();
				watches.remove(entry.getKey());
			}
		}
		wanted.forEach((id, inbox) -> watches.computeIfAbsent(id, k -> {
			Watch watch = new Watch(inbox);
			watch.thread.start();
			return watch;
		}));
	}

	/**
	 * The lease of a mailbox: the node that holds it polls the mailbox and keeps its IDLE
	 * session, one session at a time whatever the number of nodes.
	 */
	static String lease(long inboxId) {
		return "mailbox:" + inboxId;
	}

	@jakarta.annotation.PreDestroy
	void stopAll() {
		running = false;
		watches.values().forEach(Watch::stop);
		watches.clear();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
