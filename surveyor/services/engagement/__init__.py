"""The engagement around the measurements: the client interview and the ten-step tracker."""
