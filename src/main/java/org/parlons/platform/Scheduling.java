package org.parlons.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
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

	/**
	 * The threads of the listeners that run after their transaction
	 * ({@code @ApplicationModuleListener}, the events' externalisation): kept and reused
	 * instead of one new thread per event (what Spring falls back to when no executor is
	 * named {@code taskExecutor}), up to 64 at once so that a listener waiting on a
	 * network never holds up the others; beyond that the publishing thread runs it.
	 */
	@Bean(name = "taskExecutor")
	ThreadPoolTaskExecutor taskExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(8);
		executor.setMaxPoolSize(64);
		executor.setQueueCapacity(0);
		executor.setKeepAliveSeconds(60);
		executor.setThreadNamePrefix("parlons-event-");
		executor.setRejectedExecutionHandler(new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(10);
		return executor;
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
