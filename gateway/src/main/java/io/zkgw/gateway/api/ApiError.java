package io.zkgw.gateway.api;

/** The JSON body of every error answer: what is wrong, in words an operator can act on. */
public record ApiError(int status, String error) {}
