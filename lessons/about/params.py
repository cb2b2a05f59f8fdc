"""The About page's URL parameters (none of its own) and the sections a teacher link may hide."""

PARAMS = ()

SECTIONS = {
    "history": "where softmax comes from: the timeline and its sources",
    "cite": "how to cite the app",
    "licence": "the app's licence",
    "data": "the data the app ships and their licences",
}
