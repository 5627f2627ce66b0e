package org.parlons.platform;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, every statement is planned with its actual values ({@code plan_cache_mode =
 * force_custom_plan}). The driver prepares a statement on the server after five uses, and PostgreSQL may
 * then keep a generic plan chosen while a table was still small: the look-up of 500 external ids turned
 * into a scan of the whole message table and batch ingestion fell from 3,400 to under 1,000 messages a
 * second as the table grew. Planning each time costs far less than one such scan. Sessions also get 16 MB of
 * {@code work_mem}: the listening dashboard groups up to 40,000 sampled rows by author (about 8 MB of hash
 * table), which PostgreSQL's default 4 MB spills to disk. An {@code options} property already in the
 * configuration is left alone.
 */
@Component
class PostgresPlans implements BeanPostProcessor {

	static final String OPTIONS = "-c plan_cache_mode=force_custom_plan -c work_mem=16MB";

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith("jdbc:postgresql:") && !pool.getJdbcUrl().contains("options=")
				&& !pool.getDataSourceProperties().containsKey("options")) {
			pool.addDataSourceProperty("options", OPTIONS);
		}
		return bean;
	}

}
