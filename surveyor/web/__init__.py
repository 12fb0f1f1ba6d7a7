"""HTML blueprints: sign-in, the consultants' workspace, and (later) surveys and shops."""
