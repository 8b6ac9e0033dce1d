document.getElementById("show").addEventListener("click", function () {
  document.getElementById("box").style.display = "block";
});
