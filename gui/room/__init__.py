"""The room in the window: serving it, its window, the join card, paper cards."""
