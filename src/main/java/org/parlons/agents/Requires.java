package org.parlons.agents;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a request handler needs, on the method or on its controller (the
 * method's wins). Checked before the request is read, so a refused caller learns nothing
 * from validation, and the same for the API, the pages, the streams and the CSV exports.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Requires {

	Permission value();

}
