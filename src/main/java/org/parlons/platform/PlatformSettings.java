package org.parlons.platform;

import java.nio.file.Path;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings every module shares ({@code parlons.*}).
 *
 * @param timeZone the zone screens show times in
 * @param publicUrl where the networks reach this server
 * ({@code https://parlons.example.org}), without a trailing slash; empty when it is not
 * reachable from outside
 * @param dataDir where the embedded database and stored files live
 * ({@code PARLONS_DATA_DIR})
 * @param secrets how channel credentials are encrypted at rest
 * @param http limits on requests
 * @param scheduling the threads that run timed work
 * @param cluster how this node shares work with others on the same database
 */
@ConfigurationProperties("parlons")
public record PlatformSettings(@DefaultValue("Europe/Paris") ZoneId timeZone, @DefaultValue("") String publicUrl,
		@DefaultValue("./data") Path dataDir, @DefaultValue Secrets secrets, @DefaultValue Http http,
		@DefaultValue Scheduling scheduling, @DefaultValue Cluster cluster) {

	public PlatformSettings {
		publicUrl = publicUrl.strip().replaceAll("/+$", "");
	}

	/**
	 * @param key 32 bytes in base64; when empty a key file is made in the data directory
	 */
	public record Secrets(@DefaultValue("") String key) {
	}

	/**
	 * @param maxBodyBytes the largest request body accepted (413 beyond)
	 * @param maxUploadBytes the largest multipart body (files sent with a reply)
	 */
	public record Http(@DefaultValue("1048576") long maxBodyBytes, @DefaultValue("26214400") long maxUploadBytes) {
	}

	/**
	 * @param tasks threads of the local timed work (rollups, service levels, mentions,
	 * snoozes)
	 * @param network threads of the timed work that waits on other servers (deliveries,
	 * mailboxes, polled networks)
	 */
	public record Scheduling(@DefaultValue("3") int tasks, @DefaultValue("3") int network) {
	}

	/**
	 * @param node this node's name in leases and logs ({@code PARLONS_CLUSTER_NODE}); by
	 * default the host's name and a random suffix, new at each start
	 * @param lease how long a node holds a job, a mailbox or a stream without renewing
	 * it: how long its work waits when it dies
	 */
	public record Cluster(@DefaultValue("") String node, @DefaultValue("PT30S") java.time.Duration lease) {

		public Cluster {
			if (node.isBlank()) {
				node = host() + "-" + Crypto.randomToken(4);
			}
		}

		private static String host() {
			try {
				return java.net.InetAddress.getLocalHost().getHostName();
			}
			catch (java.io.IOException ex) {
				return "node";
			}
		}

	}

}
