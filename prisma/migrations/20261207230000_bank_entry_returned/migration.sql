-- An overpaid or mistaken credit can be sent back to the remitter (issue #12 item 5: overpayments
-- "held as credit or refunded"; item 6: bank refunds recorded). What was returned is settled on the
-- entry like any other match, by its own kind, so the review list, exports and audit tell a return
-- (money left the account) from a credit that was never a contribution (money stayed).
ALTER TYPE "BankMatchKind" ADD VALUE 'RETURNED';
