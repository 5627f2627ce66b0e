package org.parlons.agents;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in agent as the rest of the application sees it.
 */
public final class AgentPrincipal implements UserDetails, CredentialsContainer {

	private final long id;

	private final String email;

	private final String name;

	private final Role role;

	private final boolean active;

	private final Set<Permission> permissions;

	private @Nullable String passwordHash;

	public AgentPrincipal(Agent agent) {
		this.id = agent.id();
		this.email = agent.email();
		this.name = agent.name();
		this.role = agent.role();
		this.active = agent.active();
		Set<Permission> all = EnumSet.noneOf(Permission.class);
		for (Permission p : Permission.values()) {
			if (agent.may(p)) {
				all.add(p);
			}
		}
		this.permissions = all;
		this.passwordHash = agent.passwordHash();
	}

	public long id() {
		return id;
	}

	public String email() {
		return email;
	}

	public String name() {
		return name;
	}

	public Role role() {
		return role;
	}

	/** Whether their role or their grants allow it. */
	public boolean may(Permission permission) {
		return permissions.contains(permission);
	}

	public Set<Permission> permissions() {
		return EnumSet.copyOf(permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : permissions);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
		permissions.forEach(p -> authorities.add(new SimpleGrantedAuthority(p.name())));
		return authorities;
	}

	@Override
	public @Nullable String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return email;
	}

	@Override
	public boolean isEnabled() {
		return active;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AgentPrincipal that && that.id == id;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(id);
	}

	@Override
	public String toString() {
		return "Agent " + id + " <" + email + "> " + role.api();
	}

}
