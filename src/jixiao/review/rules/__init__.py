"""Review rules, one per module. Each module registers its rule with `@register` on import."""
