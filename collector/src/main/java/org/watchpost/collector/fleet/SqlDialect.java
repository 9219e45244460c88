package org.watchpost.collector.fleet;

/** The two databases the collector runs on; the fleet's SQL differs only where claiming rows is concerned. */
public enum SqlDialect {
    SQLITE,
    POSTGRESQL
}
