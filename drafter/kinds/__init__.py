"""Document kinds: a proposal, a coalition letter, a notice of exempt solicitation. Each kind is one
module behind one protocol: the keys it reads from a draft, the frame it wraps around the laid-out
sections, the checks it adds and what the editor shows for it."""
