"""The staff's view of the audit trail: the security log and the history of accounts, groups,
memberships and reporting periods."""
