"""Campaigns: letters an editor grouped, compared letter by letter, and the groupings
suggested to editors."""
