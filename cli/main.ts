console.log("queryable CLI: not built yet");
