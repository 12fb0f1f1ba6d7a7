"""A client's customer journey: phases, touchpoints, locations and measures."""
