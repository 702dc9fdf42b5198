"""Expert rounds (集中评审) without Django: the score sheet, the round's statistics per form and
the automatic assignment of experts to forms (docs/workflow.md, "Expert rounds")."""
