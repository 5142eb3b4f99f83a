-- Reversal kinds named for what happened (issue #11, item 11; docs/decisions/017). A dispute
-- withdraws the money when it opens; it is not "lost" until it closes. Every DISPUTE_LOST row
-- was written when a dispute opened (providerReversalId '<dispute>:withdrawn') and every
-- DISPUTE_WON row when one was won ('<dispute>:reinstated'), so renaming the values keeps each
-- row true without touching it (the rows are append-only). DISPUTE_FINAL is new: written when a
-- dispute is lost; disputes lost before this migration have none (their money stays withdrawn).
ALTER TYPE "ReversalKind" RENAME VALUE 'DISPUTE_LOST' TO 'DISPUTE_WITHDRAWN';
ALTER TYPE "ReversalKind" RENAME VALUE 'DISPUTE_WON' TO 'DISPUTE_REINSTATED';
ALTER TYPE "ReversalKind" ADD VALUE 'DISPUTE_FINAL' AFTER 'DISPUTE_REINSTATED';
