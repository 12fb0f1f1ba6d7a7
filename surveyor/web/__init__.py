"""HTML blueprints: sign-in, the consultants' workspace, customer surveys and the shopper app."""
