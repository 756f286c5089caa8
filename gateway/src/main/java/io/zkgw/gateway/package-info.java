/** The hospital gateway: durable job pipeline, admin API, persistence. */
package io.zkgw.gateway;
