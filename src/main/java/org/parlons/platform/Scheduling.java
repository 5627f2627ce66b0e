package org.parlons.platform;

import org.parlons.platform.Scheduling;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Two pools for timed work, so a task that waits on another server never delays local
 * work: a delivery waiting ten seconds on a network's answer, or a mailbox that does not
 * answer, holds a thread of {@link #NETWORK}, never the rollups', the service-level
 * watch's or the mention collection's. A task names its pool with
 * {@code @Scheduled(scheduler = Scheduling.NETWORK)}; without it, it runs on
 * {@code taskScheduler}. Each task is observed under its class and method
 * ({@code tasks.scheduled.execution}).
 */
@Configuration(proxyBeanMethods = false)
public class Scheduling {

	/** The pool of timed work that waits on other servers. */
	public static final String NETWORK = "networkScheduler";

	@Bean
	ThreadPoolTaskScheduler taskScheduler(PlatformSettings settings) {
		return pool("parlons-task-", settings.scheduling().tasks());
	}

	@Bean
	ThreadPoolTaskScheduler networkScheduler(PlatformSettings settings) {
		return pool("parlons-network-", settings.scheduling().network());
	}

	private static ThreadPoolTaskScheduler pool(String prefix, int size) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(size);
		scheduler.setThreadNamePrefix(prefix);
		scheduler.setWaitForTasksToCompleteOnShutdown(true);
		scheduler.setAwaitTerminationSeconds(10);
		return scheduler;
	}

}
