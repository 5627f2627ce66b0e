package org.parlons.agents.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Languages;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Keeps the language a signed-in agent switches the screens to ({@code ?lang=fr}), so
 * that what is mailed to them is written in it too.
 */
@Configuration(proxyBeanMethods = false)
class LanguageChoice implements WebMvcConfigurer, HandlerInterceptor {

	private final Languages languages;

	LanguageChoice(Languages languages) {
		this.languages = languages;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String chosen = request.getParameter("lang");
		var auth = SecurityContextHolder.getContext().getAuthentication();
		if (chosen != null && Languages.SPOKEN.contains(chosen) && auth != null
				&& auth.getPrincipal() instanceof AgentPrincipal me
				&& !languages.of(me.id()).map(l -> l.getLanguage().equals(chosen)).orElse(false)) {
			languages.set(me.id(), chosen);
		}
		return true;
	}

}
