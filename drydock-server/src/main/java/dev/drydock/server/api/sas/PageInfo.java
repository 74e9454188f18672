package dev.drydock.server.api.sas;

/**
 * The {@code PageInfo} of paged Sas operations (reference §1.16): {@code Count} (items on this
 * page), {@code CurrentPage}, {@code PageSize}, {@code TotalCount}.
 */
public record PageInfo(int count, int currentPage, int pageSize, long totalCount) {}
