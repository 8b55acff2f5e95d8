using Truora.Silo.Hosting;

return await TruoraNode.RunAsync(args);
