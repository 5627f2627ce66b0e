package org.parlons.agents;

import java.util.EnumSet;
import java.util.Set;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A person who signs in to answer customers, with a role, a mandate and a capacity for
 * open work.
 */
public class Agent {

	private @Nullable Long id;

	private final String email;

	private String name;

	private String passwordHash;

	private Role role;

	private boolean active;

	private int capacity;

	private Mandate mandate;

	private Set<Permission> grants = EnumSet.noneOf(Permission.class);

	private final Instant createdAt;

	public Agent(@Nullable Long id, String email, String name, String passwordHash, Role role, boolean active,
			int capacity, Mandate mandate, Instant createdAt) {
		this.id = id;
		this.email = normaliseEmail(email);
		this.name = name;
		this.passwordHash = passwordHash;
		this.role = role;
		this.active = active;
		this.capacity = capacity;
		this.mandate = mandate;
		this.createdAt = createdAt;
	}

	static String normaliseEmail(String email) {
		return email.trim().toLowerCase(java.util.Locale.ROOT);
	}

	public void changeRole(Role newRole) {
		this.role = newRole;
	}

	public void grant(Mandate newMandate) {
		this.mandate = newMandate;
	}

	public void rename(String newName) {
		this.name = newName;
	}

	public void limitOpenWork(int newCapacity) {
		if (newCapacity < 0) {
			throw new IllegalArgumentException("Capacity cannot be negative");
		}
		this.capacity = newCapacity;
	}

	/**
	 * Grants the agent these permissions on top of their role; only grantable ones
	 * ({@link Permission#grantable()}).
	 */
	public void allow(Set<Permission> permissions) {
		for (Permission p : permissions) {
			if (!p.grantable()) {
				throw new IllegalArgumentException(
						"Only merge_customers, import_customers and export_customers can be granted, not " + p.api());
			}
		}
		this.grants = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
	}

	/** What the agent was granted on top of their role. */
	public Set<Permission> grants() {
		return EnumSet.copyOf(grants.isEmpty() ? EnumSet.noneOf(Permission.class) : grants);
	}

	/** Their role's permissions and their grants. */
	public boolean may(Permission permission) {
		return role.may(permission) || grants.contains(permission);
	}

	void changePasswordHash(String hash) {
		this.passwordHash = hash;
	}

	public void deactivate() {
		this.active = false;
	}

	public void activate() {
		this.active = true;
	}

	void assignId(long newId) {
		this.id = newId;
	}

	public long id() {
		if (id == null) {
			throw new IllegalStateException("Agent not saved yet");
		}
		return id;
	}

	public boolean isNew() {
		return id == null;
	}

	public String email() {
		return email;
	}

	public String name() {
		return name;
	}

	public String passwordHash() {
		return passwordHash;
	}

	public Role role() {
		return role;
	}

	public boolean active() {
		return active;
	}

	public int capacity() {
		return capacity;
	}

	public Mandate mandate() {
		return mandate;
	}

	public Instant createdAt() {
		return createdAt;
	}

}
