package io.zkgw.chainclient.types;

/** The consensus versions a header carries: the block protocol and the application's app_version. */
public record Version(long block, long app) {}
